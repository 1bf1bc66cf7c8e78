package ca.careorchestrator.simulator.reference;

import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The 96 RLS polygons, read from the ESRI shapefile (.shp polygons, .dbf attributes; format per the ESRI
 * Shapefile Technical Description, 1998). Answers which network a point falls in.
 */
public final class RlsBoundaries {

    private static final int POLYGON = 5;

    private final List<Area> areas;

    private RlsBoundaries(List<Area> areas) {
        this.areas = areas;
    }

    /** A network's rings (outer boundaries and holes alike: even-odd containment handles both). */
    private record Area(LocalNetworkCode code, double minX, double minY, double maxX, double maxY, List<double[]> rings) {

        boolean contains(double x, double y) {
            if (x < minX || x > maxX || y < minY || y > maxY) {
                return false;
            }
            boolean inside = false;
            for (double[] ring : rings) {
                int n = ring.length / 2;
                for (int i = 0, j = n - 1; i < n; j = i++) {
                    double xi = ring[2 * i];
                    double yi = ring[2 * i + 1];
                    double xj = ring[2 * j];
                    double yj = ring[2 * j + 1];
                    if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                        inside = !inside;
                    }
                }
            }
            return inside;
        }

        /** Distance in degrees from a point to the nearest vertex: a coarse measure for points in water. */
        double vertexDistance(double x, double y) {
            double best = Double.MAX_VALUE;
            for (double[] ring : rings) {
                for (int i = 0; i < ring.length; i += 2) {
                    double dx = ring[i] - x;
                    double dy = ring[i + 1] - y;
                    best = Math.min(best, dx * dx + dy * dy);
                }
            }
            return Math.sqrt(best);
        }
    }

    static RlsBoundaries read(String shpResource, String dbfResource) {
        List<String> codes = readCodes(bytes(dbfResource));
        ByteBuffer shp = ByteBuffer.wrap(bytes(shpResource));
        List<Area> areas = new ArrayList<>();
        int position = 100;
        int index = 0;
        while (position < shp.limit()) {
            shp.order(ByteOrder.BIG_ENDIAN);
            int contentWords = shp.getInt(position + 4);
            int content = position + 8;
            shp.order(ByteOrder.LITTLE_ENDIAN);
            int type = shp.getInt(content);
            if (type != POLYGON) {
                throw new IllegalStateException("RLS shapefile record " + index + " is type " + type + ", not a polygon");
            }
            double minX = shp.getDouble(content + 4);
            double minY = shp.getDouble(content + 12);
            double maxX = shp.getDouble(content + 20);
            double maxY = shp.getDouble(content + 28);
            int parts = shp.getInt(content + 36);
            int points = shp.getInt(content + 40);
            int partsAt = content + 44;
            int pointsAt = partsAt + 4 * parts;
            List<double[]> rings = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int from = shp.getInt(partsAt + 4 * p);
                int to = p + 1 < parts ? shp.getInt(partsAt + 4 * (p + 1)) : points;
                double[] ring = new double[2 * (to - from)];
                for (int k = from; k < to; k++) {
                    ring[2 * (k - from)] = shp.getDouble(pointsAt + 16 * k);
                    ring[2 * (k - from) + 1] = shp.getDouble(pointsAt + 16 * k + 8);
                }
                rings.add(ring);
            }
            areas.add(new Area(new LocalNetworkCode(codes.get(index)), minX, minY, maxX, maxY, rings));
            position = content + 2 * contentWords;
            index++;
        }
        if (areas.size() != codes.size()) {
            throw new IllegalStateException("RLS shapefile has " + areas.size() + " shapes for " + codes.size() + " records");
        }
        return new RlsBoundaries(List.copyOf(areas));
    }

    /** The RLS_code column of the dBase III table. */
    private static List<String> readCodes(byte[] dbf) {
        ByteBuffer buffer = ByteBuffer.wrap(dbf).order(ByteOrder.LITTLE_ENDIAN);
        int records = buffer.getInt(4);
        int headerLength = Short.toUnsignedInt(buffer.getShort(8));
        int recordLength = Short.toUnsignedInt(buffer.getShort(10));
        int offset = 1; // deletion flag
        int length = -1;
        for (int field = 32; dbf[field] != 0x0D; field += 32) {
            String name = new String(dbf, field, 11, StandardCharsets.US_ASCII).replace("\0", "").strip();
            int fieldLength = Byte.toUnsignedInt(dbf[field + 16]);
            if (name.equals("RLS_code")) {
                length = fieldLength;
                break;
            }
            offset += fieldLength;
        }
        if (length < 0) {
            throw new IllegalStateException("RLS table has no RLS_code column");
        }
        List<String> codes = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            int at = headerLength + r * recordLength + offset;
            codes.add(new String(dbf, at, length, StandardCharsets.ISO_8859_1).strip());
        }
        return codes;
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = RlsBoundaries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference file missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return areas.size();
    }

    /** The network containing this point, if any (points on a lake or offshore fall in none). */
    public Optional<LocalNetworkCode> containing(GeoPoint point) {
        return areas.stream().filter(a -> a.contains(point.longitude(), point.latitude())).map(Area::code).findFirst();
    }

    /** The network containing this point, else the one whose boundary passes nearest. */
    public LocalNetworkCode locate(GeoPoint point) {
        return containing(point).orElseGet(() -> areas.stream()
                .min(Comparator.comparingDouble((Area a) -> a.vertexDistance(point.longitude(), point.latitude()))
                        .thenComparing(a -> a.code().value()))
                .orElseThrow().code());
    }
}
